//! `hyoka serve`: the staff's preview. Builds the site in memory (drafts included), serves
//! it over HTTP on 127.0.0.1 by default, watches what the build reads, rebuilds on every
//! saved change and reloads each open tab. A broken file never stops the server: the
//! browser shows the errors until the file is fixed.
//!
//! Threads: the main thread runs the HTTP server (axum on a small tokio runtime) until
//! Ctrl-C; one plain thread owns the file watcher and runs rebuilds. They share
//! `state::Shared`. Nothing is written to disk.

mod console;
mod error_page;
mod host;
mod http;
mod livereload;
mod state;
mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tokio::sync::watch as signal;

use crate::error::Error;
use crate::load::BuildOptions;
use crate::pipeline::Rebuilder;

use console::Console;
use state::Shared;
use watch::SiteWatcher;

/// How long the site-wide pages wait after the edited pages were shown.
const CATCH_UP_AFTER: Duration = Duration::from_millis(150);

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// How the site is built (drafts are wanted in a preview).
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
}

/// The running preview, once it listens.
#[derive(Debug, Clone)]
pub(crate) struct Listening {
    /// The site's address (`http://127.0.0.1:1111/hyoka/`).
    pub url: String,
}

/// Serves until Ctrl-C. `ready` is called once the first build is done and the server
/// listens; rebuild messages go to `log`.
pub(crate) fn run(
    mut options: ServeOptions,
    ready: impl FnOnce(&Listening),
    log: Box<dyn Write + Send>,
) -> Result<(), Error> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = bind(addr)?;
    let local = listener.local_addr().map_err(|source| Error::Listen {
        addr: addr.to_string(),
        source,
    })?;
    if !options.build.root.join("config.toml").is_file() {
        return Err(Error::NoConfig(options.build.root.clone()));
    }
    // The watcher reports absolute paths; the rebuilder gets an absolute root to match.
    if let Ok(root) = std::path::absolute(&options.build.root) {
        options.build.root = root;
    }
    let shared = Arc::new(Shared::new(Rebuilder::unbuilt(options.build.clone())));
    let mut console = Console { out: log };
    console.building();
    console.report(&shared.rebuild(&[]));
    let (changes_tx, changes) = mpsc::channel();
    let watcher = SiteWatcher::start(&options.build.root, changes_tx)?;
    let rebuilding = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("hyoka-rebuild".into())
        .spawn(move || rebuild_loop(&rebuilding, watcher, &changes, console))
        .map_err(|source| Error::Io {
            path: options.build.root.clone(),
            source,
        })?;
    let base = shared
        .site
        .blocking_read()
        .rebuilder
        .base_path()
        .unwrap_or("/")
        .to_string();
    let listening = Listening {
        url: format!("http://{local}{base}"),
    };
    let hosts = host::AllowedHosts::new(options.bind, local.port());
    serve_until_interrupted(listener, shared, hosts, || ready(&listening))
}

/// Binds before the first build, so a port in use is reported at once.
fn bind(addr: SocketAddr) -> Result<std::net::TcpListener, Error> {
    let listener = std::net::TcpListener::bind(addr).map_err(|source| match source.kind() {
        std::io::ErrorKind::AddrInUse => Error::PortInUse {
            addr: addr.to_string(),
        },
        _ => Error::Listen {
            addr: addr.to_string(),
            source,
        },
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| Error::Listen {
            addr: addr.to_string(),
            source,
        })?;
    Ok(listener)
}

/// Runs the HTTP server on a small runtime. `ready` is called once Ctrl-C is handled (so an
/// early Ctrl-C still shuts down cleanly); Ctrl-C ends the event streams, then the server.
/// A connection that sends no complete request header within [`HEADER_READ_TIMEOUT`] is
/// closed, so idle connections cannot pile up.
fn serve_until_interrupted(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    hosts: host::AllowedHosts,
    ready: impl FnOnce(),
) -> Result<(), Error> {
    let addr = listener
        .local_addr()
        .map_or_else(|_| "?".to_string(), |a| a.to_string());
    let io_error = |source| Error::Listen {
        addr: addr.clone(),
        source,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(io_error)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(io_error)?;
        let interrupted = interrupted().map_err(io_error)?;
        let (stop, shutdown) = signal::channel(false);
        let app = Arc::new(http::App {
            shared,
            shutdown,
            hosts,
        });
        ready();
        let open = accept_until(listener, http::router(app), interrupted).await;
        // Ends the event streams, then waits (a bounded time) for answers in flight.
        let _ = stop.send(true);
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, open.shutdown()).await;
        Ok(())
    })
}

/// How long a connection may take to send a request's header.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long shutdown waits for responses in flight once the event streams have ended.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Accepts connections and serves `router` on each until `interrupted` resolves; returns
/// the connections still open, to be shut down gracefully.
async fn accept_until(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    interrupted: impl Future<Output = ()>,
) -> hyper_util::server::graceful::GracefulShutdown {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(interrupted);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a little, never spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut interrupted => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    graceful
}

/// Resolves on Ctrl-C (or SIGTERM); the handlers are installed when this is called.
#[cfg(unix)]
fn interrupted() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
fn interrupted() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Waits for changes; per batch (batches that queued meanwhile merged into one) rebuilds
/// the edited pages first so their tabs reload at once, then — when no new save comes within
/// [`CATCH_UP_AFTER`], so the tabs' reload requests are answered first — the site-wide pages
/// (home, lists, data). Ends when the watcher stops.
fn rebuild_loop(
    shared: &Shared,
    mut watcher: SiteWatcher,
    changes: &mpsc::Receiver<Vec<PathBuf>>,
    mut console: Console,
) {
    loop {
        let batch = if shared.is_pending() {
            match changes.recv_timeout(CATCH_UP_AFTER) {
                Ok(batch) => batch,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    console.report(&shared.catch_up());
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match changes.recv() {
                Ok(batch) => batch,
                Err(_) => return,
            }
        };
        let mut paths = batch;
        while let Ok(more) = changes.try_recv() {
            paths.extend(more);
        }
        paths.sort();
        paths.dedup();
        watcher.watch_new_folders();
        console.changed(
            &paths,
            &shared.site.blocking_read().rebuilder.options().root,
        );
        console.report(&shared.rebuild_page_first(&paths));
    }
}
