// The rule editor: sign in with a staff token, list the policy's versions, open one in dmn-js,
// save an edit as a draft (problems shown next to their cells), back-test it, approve (as the
// other editor) and publish. Everything goes through the public API; the page holds no logic of
// its own about what is valid.
(function () {
  'use strict';

  const state = { token: sessionStorage.getItem('swiftlend.token'), user: sessionStorage.getItem('swiftlend.user'),
    modeler: null, editing: null, problems: [] };
  const $ = (id) => document.getElementById(id);

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Accept': 'application/json, application/problem+json' },
        body === undefined ? {} : { 'Content-Type': 'application/json' },
        state.token ? { 'Authorization': 'Bearer ' + state.token } : {}),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (response.status === 401 && state.token) {
      signOut('Your session ended; sign in again.');
    }
    return { status: response.status, body: json };
  }

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }

  function cell(row, value, className) {
    const td = document.createElement('td');
    td.textContent = text(value);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function button(label, action, name) {
    const b = document.createElement('button');
    b.textContent = label;
    b.dataset.action = name;
    b.addEventListener('click', action);
    return b;
  }

  async function signIn(event) {
    event.preventDefault();
    const username = $('username').value;
    const answer = await api('POST', '/api/v1/auth/token', { username, password: $('password').value });
    if (answer.status !== 200) {
      $('sign-in-message').textContent = (answer.body && answer.body.detail) || 'Sign-in failed.';
      return;
    }
    state.token = answer.body.accessToken;
    state.user = username;
    sessionStorage.setItem('swiftlend.token', state.token);
    sessionStorage.setItem('swiftlend.user', username);
    $('password').value = '';
    await show();
  }

  async function signOut(message) {
    if (state.token && !message) {
      await api('POST', '/api/v1/auth/sign-out');
    }
    state.token = null;
    state.user = null;
    sessionStorage.removeItem('swiftlend.token');
    sessionStorage.removeItem('swiftlend.user');
    $('workspace').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('who').textContent = '';
    $('sign-in-message').textContent = message || '';
  }

  async function show() {
    $('sign-in').hidden = true;
    $('workspace').hidden = false;
    $('sign-out').hidden = false;
    $('who').textContent = 'Signed in as ' + state.user;
    await listVersions();
  }

  async function listVersions() {
    const answer = await api('GET', '/api/v1/rulesets');
    const rows = $('version-rows');
    rows.replaceChildren();
    if (answer.status !== 200) {
      $('versions-message').textContent = (answer.body && answer.body.detail) || 'Cannot list versions.';
      return;
    }
    $('versions-message').textContent = '';
    for (const version of answer.body) {
      const row = document.createElement('tr');
      row.dataset.version = version.version;
      row.dataset.status = version.status;
      cell(row, version.version, 'version');
      cell(row, version.status, 'status status-' + version.status);
      cell(row, version.author);
      cell(row, version.approver);
      cell(row, version.comment);
      const actions = cell(row, '');
      actions.appendChild(button('Open', () => open(version.version), 'open'));
      actions.appendChild(button('Back-test', () => backTest(version.version), 'backtest'));
      if (version.status === 'DRAFT') {
        actions.appendChild(button('Approve', () => transition(version.version, 'approve'), 'approve'));
      }
      if (version.status === 'APPROVED' || version.status === 'RETIRED') {
        actions.appendChild(button(version.status === 'RETIRED' ? 'Roll back to this' : 'Publish',
          () => transition(version.version, 'publish'), 'publish'));
        actions.appendChild(button('Challenge in shadow', () => transition(version.version, 'challenger'),
          'challenger'));
      }
      if (version.status === 'CHALLENGER') {
        actions.appendChild(button('Shadow report', () => shadowReport(version.version), 'shadow-report'));
        actions.appendChild(button('Promote', () => transition(version.version, 'publish'), 'publish'));
        actions.appendChild(button('Retire', () => transition(version.version, 'retire'), 'retire'));
      }
      rows.appendChild(row);
    }
  }

  async function transition(version, action) {
    const answer = await api('POST', '/api/v1/rulesets/' + encodeURIComponent(version) + '/' + action);
    await listVersions();
    // After the list, which clears the message line when it loads.
    $('versions-message').textContent = answer.status === 200 ? ''
      : (answer.body && answer.body.detail) || action + ' failed (' + answer.status + ')';
  }

  async function open(version) {
    const answer = await api('GET', '/api/v1/rulesets/' + encodeURIComponent(version));
    if (answer.status !== 200) {
      $('versions-message').textContent = (answer.body && answer.body.detail) || 'Cannot open ' + version;
      return;
    }
    state.editing = version;
    $('editor').hidden = false;
    $('editing-version').textContent = version;
    $('test-cases').value = JSON.stringify(answer.body.testCases, null, 2);
    $('problems').replaceChildren();
    if (!state.modeler) {
      state.modeler = new DmnJS({ container: '#canvas', common: { keyboard: { bindTo: window } } });
      state.modeler.on('views.changed', () => {
        renderViews();
        requestAnimationFrame(markCells);
      });
    }
    state.problems = [];
    await state.modeler.importXML(answer.body.dmnXml);
    // The offer table is what business users change most; the graph is one click away.
    await openDecision('loanDecision');
    renderViews();
  }

  async function openDecision(id) {
    const views = state.modeler.getViews();
    const view = views.find((v) => v.type === 'decisionTable' && v.element.id === id)
      || views.find((v) => v.type === 'decisionTable');
    const active = state.modeler.getActiveView();
    if (view && !(active && active.element === view.element)) {
      await state.modeler.open(view);
    }
  }

  function renderViews() {
    const nav = $('views');
    nav.replaceChildren();
    const active = state.modeler.getActiveView();
    for (const view of state.modeler.getViews()) {
      const b = button((view.type === 'drd' ? 'Graph' : (view.element.name || view.element.id)),
        () => state.modeler.open(view), 'view-' + view.type);
      b.dataset.decision = view.element.id;
      if (active && active.element === view.element) {
        b.className = 'current';
      }
      nav.appendChild(b);
    }
  }

  async function saveDraft() {
    let testCases;
    try {
      testCases = JSON.parse($('test-cases').value || '[]');
    } catch (e) {
      showProblems([{ message: 'The test cases are not valid JSON: ' + e.message }]);
      return;
    }
    $('problems').textContent = 'Saving…';
    delete $('problems').dataset.saved;
    const { xml } = await state.modeler.saveXML({ format: true });
    const answer = await api('POST', '/api/v1/rulesets', { dmnXml: xml, testCases, comment: $('comment').value });
    if (answer.status === 201) {
      showProblems([]);
      $('problems').textContent = 'Saved as draft ' + answer.body.version + '.';
      $('problems').dataset.saved = answer.body.version;
      await listVersions();
      return;
    }
    const body = answer.body || {};
    showProblems(body.errors || (body.errors === undefined && body.detail ? [{ message: body.detail }] : []));
  }

  function showProblems(problems) {
    state.problems = problems;
    const list = document.createElement('ul');
    for (const problem of problems) {
      const item = document.createElement('li');
      item.textContent = [problem.testCase ? 'test case "' + problem.testCase + '"' : null,
        problem.decision && !problem.testCase ? 'table ' + problem.decision : null,
        problem.rule ? 'rule ' + problem.ruleNumber + ' (' + problem.rule + ')' : null,
        problem.column ? 'column ' + problem.column : null].filter(Boolean).join(', ')
        + (problem.testCase || problem.rule || problem.column ? ': ' : '') + problem.message;
      if (problem.decision && problem.rule) {
        item.classList.add('locatable');
        item.addEventListener('click', () => openDecision(problem.decision));
      }
      list.appendChild(item);
    }
    $('problems').replaceChildren(list);
    delete $('problems').dataset.saved;
    // A cell can only be marked in the table on screen: show the first problem's table.
    const first = problems.find((p) => p.decision && p.rule && p.columnId);
    if (first) {
      openDecision(first.decision).then(() => requestAnimationFrame(markCells));
    } else {
      markCells();
    }
  }

  /** Marks the cells of the table on screen that a problem names, and clears every other mark. */
  function markCells() {
    document.querySelectorAll('td.cell-error').forEach((td) => {
      td.classList.remove('cell-error');
      td.removeAttribute('title');
    });
    const active = state.modeler && state.modeler.getActiveView();
    for (const problem of state.problems) {
      if (!problem.rule || !problem.columnId || !active || active.element.id !== problem.decision) {
        continue;
      }
      const td = document.querySelector('td[data-row-id="' + CSS.escape(problem.rule) + '"][data-col-id="'
        + CSS.escape(problem.columnId) + '"]');
      if (td) {
        td.classList.add('cell-error');
        td.title = problem.message;
      }
    }
  }

  async function backTest(version) {
    const answer = await api('POST', '/api/v1/rulesets/' + encodeURIComponent(version) + '/backtest', { last: 10000 });
    const report = $('backtest-report');
    $('backtest').hidden = false;
    $('backtest-version').textContent = version;
    if (answer.status !== 200) {
      report.textContent = (answer.body && answer.body.detail) || 'Back-test failed.';
      return;
    }
    $('backtest-against').textContent = answer.body.against;
    const r = answer.body.report;
    const table = document.createElement('table');
    table.id = 'backtest-summary';
    const head = document.createElement('tr');
    ['', answer.body.version, answer.body.against].forEach((label) => {
      const th = document.createElement('th');
      th.textContent = label;
      head.appendChild(th);
    });
    table.appendChild(head);
    const lines = [['applications', (s) => s.applications], ['approval rate', (s) => pct(s.approvalRate)],
      ['referral rate', (s) => pct(s.referralRate)], ['rejection rate', (s) => pct(s.rejectionRate)],
      ['total approved', (s) => s.totalApprovedAmount], ['average approved', (s) => s.averageApprovedAmount],
      ['expected bad rate', (s) => pct(s.expectedBadRate)], ['expected loss', (s) => s.expectedLoss]];
    for (const [label, value] of lines) {
      const row = document.createElement('tr');
      row.dataset.line = label;
      cell(row, label);
      cell(row, value(r.candidate.overall));
      cell(row, value(r.baseline.overall));
      table.appendChild(row);
    }
    const segments = document.createElement('table');
    segments.id = 'backtest-segments';
    const segmentHead = document.createElement('tr');
    ['segment', 'approval rate ' + answer.body.version, 'approval rate ' + answer.body.against,
      'applications ' + answer.body.version, 'applications ' + answer.body.against].forEach((label) => {
      const th = document.createElement('th');
      th.textContent = label;
      segmentHead.appendChild(th);
    });
    segments.appendChild(segmentHead);
    const names = new Set(Object.keys(r.candidate.bySegment).concat(Object.keys(r.baseline.bySegment)));
    for (const name of names) {
      const row = document.createElement('tr');
      row.dataset.segment = name;
      const mine = r.candidate.bySegment[name];
      const theirs = r.baseline.bySegment[name];
      cell(row, name);
      cell(row, mine ? pct(mine.approvalRate) : '');
      cell(row, theirs ? pct(theirs.approvalRate) : '');
      cell(row, mine ? mine.applications : 0);
      cell(row, theirs ? theirs.applications : 0);
      segments.appendChild(row);
    }
    const changed = document.createElement('p');
    changed.id = 'backtest-changed';
    changed.textContent = r.changed + ' of ' + r.applications + ' applications would be decided differently;'
      + ' rules that never fired: ' + (r.candidate.coverage.neverFired.join(', ') || 'none') + '.';
    const changes = document.createElement('table');
    changes.className = 'changes';
    for (const change of r.changes.slice(0, 50)) {
      const row = document.createElement('tr');
      cell(row, change.applicationId);
      cell(row, change.baseline.outcome + ' ' + text(change.baseline.approvedAmount) + ' ' + change.baseline.reasons.join('|'));
      cell(row, '→');
      cell(row, change.candidate.outcome + ' ' + text(change.candidate.approvedAmount) + ' ' + change.candidate.reasons.join('|'));
      changes.appendChild(row);
    }
    report.replaceChildren(table, segments, changed, changes);
  }

  async function shadowReport(version) {
    const answer = await api('GET', '/api/v1/rulesets/' + encodeURIComponent(version) + '/shadow-report');
    const report = $('backtest-report');
    $('backtest').hidden = false;
    $('backtest-version').textContent = version + ' (challenger, in shadow)';
    $('backtest-against').textContent = 'the champion';
    if (answer.status !== 200) {
      report.textContent = (answer.body && answer.body.detail) || 'Shadow report failed.';
      return;
    }
    const r = answer.body;
    const table = document.createElement('table');
    table.id = 'shadow-summary';
    for (const [label, champion, challenger] of [
      ['approval rate', pct(r.championResults.approvalRate), pct(r.challengerResults.approvalRate)],
      ['referral rate', pct(r.championResults.referralRate), pct(r.challengerResults.referralRate)],
      ['rejection rate', pct(r.championResults.rejectionRate), pct(r.challengerResults.rejectionRate)],
      ['total approved', r.championResults.totalApprovedAmount, r.challengerResults.totalApprovedAmount]]) {
      const row = document.createElement('tr');
      cell(row, label);
      cell(row, champion);
      cell(row, challenger);
      table.appendChild(row);
    }
    const agreed = document.createElement('p');
    agreed.textContent = r.agreed + ' of ' + r.applications + ' applications decided alike ('
      + pct(r.agreementRate) + '); the challenger was never acted on.';
    report.replaceChildren(table, agreed);
  }

  function pct(rate) {
    return (rate * 100).toFixed(1) + ' %';
  }

  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('save-draft').addEventListener('click', saveDraft);
  if (state.token) {
    show();
  }
}());
