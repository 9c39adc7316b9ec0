//! A spinner naming the stage a long command is in (indicatif), drawn on stderr only when
//! stderr is a terminal: pipes, CI logs and tests get no escape codes.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// The spinner; cleared from the terminal when dropped.
pub struct Progress(ProgressBar);

impl Progress {
    /// A spinner on stderr when it is a terminal; otherwise one that draws nothing.
    pub fn start(message: &'static str) -> Self {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}（{elapsed}）") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        bar.set_message(message);
        Progress(bar)
    }

    /// Runs `f` (which prints) with the spinner off the screen.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.0.suspend(f)
    }

    /// Names the next stage.
    pub fn stage(&self, message: &'static str) {
        self.0.set_message(message);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
