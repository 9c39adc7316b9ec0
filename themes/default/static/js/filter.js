// hyoka default theme: narrows the dashboard's goal cards by department and status.
// An enhancement only: without JavaScript the form stays hidden and the page offers the same
// through in-page links (課から探す, 評価区分ごとの目標).
(() => {
  const form = document.querySelector('.goal-filter');
  if (!form) return;
  const department = form.querySelector('#filter-department');
  const status = form.querySelector('#filter-status');
  const result = form.querySelector('.goal-filter-result');
  const sections = [...document.querySelectorAll('.department-section')];
  const cards = sections.flatMap((s) => [...s.querySelectorAll('.goal-card')]);
  const apply = () => {
    let shown = 0;
    for (const card of cards) {
      const match = (!department.value || card.dataset.department === department.value)
        && (!status.value || card.dataset.status === status.value);
      card.hidden = !match;
      if (match) shown += 1;
    }
    for (const section of sections) {
      section.hidden = !section.querySelector('.goal-card:not([hidden])');
    }
    result.textContent = `${cards.length}目標のうち${shown}目標を表示しています。`;
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  form.hidden = false;
})();
