// The FinanceMatch dashboard: signs in with a client id and secret, then draws the matchmaking figures of
// /api/v1/stats/* (operators: the whole platform; a bank: its own institution) and, for operators, feed health.
import { Chart, registerables } from 'chart.js';

Chart.register(...registerables);
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.animation = false;

const tokenKey = 'financematch.token';
const colours = { requested: '#0b6bcb', matched: '#6e56cf', approved: '#12a150', disbursed: '#e5740a', rejected: '#b42318' };
const loanColours = { repaying: '#12a150', overdue: '#e5740a', defaulted: '#b42318', settled: '#0b6bcb' };
const number = new Intl.NumberFormat('en-US');
const yuan = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compactYuan = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const charts = {};

// Read by people debugging the page and by the headless-browser test: every chart, and whether drawing has finished.
window.financeMatchDashboard = { charts };

const $ = (id) => document.getElementById(id);

// Every request carries the tab's token; a 401 on a signed-in page ends the session, any other failure throws the
// problem's detail. Answers the response, whose body is still to be read.
async function send(path, options = {}) {
  const token = sessionStorage.getItem(tokenKey);
  const response = await fetch(path, {
    ...options,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
  });
  if (response.status === 401 && token) {
    signOut();
    throw new Error('Your session has ended; sign in again.');
  }
  if (!response.ok) {
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    const error = new Error(body?.detail ?? body?.title ?? `The server answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  return response;
}

async function api(path, options = {}) {
  const response = await send(path, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  return response.headers.get('content-type')?.includes('json') ? response.json() : null;
}

// A chart's figures as a file: the same endpoint's /export route under the tab's token (a plain link could not carry
// it), for the period shown, saved under the name the server gives.
async function download(holder, format) {
  const url = new URL(holder.dataset.export, window.location.origin);
  url.searchParams.set('format', format);
  if (holder.dataset.period !== 'none') {
    if ($('from').value) url.searchParams.set('from', $('from').value);
    if ($('to').value) url.searchParams.set('to', $('to').value);
  }
  const response = await send(url.pathname + url.search);
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1]
    ?? `financematch-export.${format}`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the object URL only holds memory after that.
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

async function signIn(event) {
  event.preventDefault();
  $('sign-in-error').hidden = true;
  try {
    const token = await api('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: $('client-id').value.trim(), clientSecret: $('client-secret').value }),
    });
    sessionStorage.setItem(tokenKey, token.accessToken);
    $('client-secret').value = '';
    await showDashboard();
  } catch (error) {
    $('sign-in-error').textContent = error.message;
    $('sign-in-error').hidden = false;
  }
}

function signOut() {
  sessionStorage.removeItem(tokenKey);
  for (const name of Object.keys(charts)) {
    charts[name].destroy();
    delete charts[name];
  }
  $('dashboard').hidden = true;
  $('sign-out').hidden = true;
  $('jobs').hidden = true;
  $('caller').hidden = true;
  $('sign-in').hidden = false;
  document.body.dataset.state = 'signed-out';
}

async function showDashboard() {
  const caller = await api('/api/v1/auth/me');
  if (caller.role !== 'operator' && caller.role !== 'bank') {
    signOut();
    $('sign-in-error').textContent = 'The dashboard is for operators and banks.';
    $('sign-in-error').hidden = false;
    return;
  }
  $('caller').textContent = `Signed in as ${caller.clientId} (${caller.role})`;
  $('caller').hidden = false;
  $('sign-out').hidden = false;
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  $('feeds').hidden = caller.role !== 'operator';
  $('jobs').hidden = caller.role !== 'operator';
  $('scope').textContent = caller.role === 'operator' ? 'All institutions' : 'Your institution only';
  if (!$('to').value) {
    const today = new Date();
    const yearAgo = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), 1));
    $('to').value = today.toISOString().slice(0, 10);
    $('from').value = yearAgo.toISOString().slice(0, 10);
  }
  await load(caller.role === 'operator');
}

async function load(asOperator) {
  document.body.dataset.state = 'loading';
  $('status').textContent = 'Loading…';
  const period = new URLSearchParams();
  if ($('from').value) period.set('from', $('from').value);
  if ($('to').value) period.set('to', $('to').value);
  const breakdown = (by) => api(`/api/v1/stats/breakdown?by=${by}&${period}`);
  try {
    const loanStats = (by) => api(`/api/v1/stats/loans?by=${by}&${period}`);
    const [overview, months, institutions, divisions, industries, grades, feeds, loans, loansByBank, loansByGrade] = await Promise.all([
      api(`/api/v1/stats/overview?${period}`), breakdown('month'), breakdown('institution'), breakdown('division'),
      breakdown('industry'), breakdown('grade'), asOperator ? api('/api/v1/stats/feeds') : null,
      loanStats('all'), loanStats('institution'), asOperator ? loanStats('grade') : null,
    ]);
    drawTiles(overview);
    drawFunnel(overview);
    drawMonths(months.rows);
    drawGroups('institution', institutions.rows);
    drawGroups('division', divisions.rows);
    drawGroups('industry', industries.rows);
    drawGroups('grade', grades.rows);
    if (feeds) drawFeeds(feeds);
    drawLoanTiles(loans.rows[0]);
    drawLoans(loansByBank.rows);
    // By grade for operators only: a bank's own loans by grade would tell it a firm's grade.
    if (loansByGrade) drawLoanGrades(loansByGrade.rows);
    $('loan-grades-card').hidden = !loansByGrade;
    $('status').textContent = `Figures for requests posted ${overview.from ?? 'ever'} to ${overview.to}`;
    document.body.dataset.state = 'ready';
  } catch (error) {
    $('status').textContent = error.message;
    document.body.dataset.state = 'error';
  }
}

function drawTiles(o) {
  const tiles = [
    ['Loan requests', number.format(o.loanRequests)],
    ['Requested', money(o.requestedAmount)],
    ['Matched requests', number.format(o.matchedRequests)],
    ['Approved matches', number.format(o.approvedMatches)],
    ['Approved', money(o.approvedAmount)],
    ['Disbursed loans', number.format(o.disbursedLoans)],
    ['Disbursed', money(o.disbursedAmount)],
    ['Approval rate', o.approvalRate == null ? '—' : percent.format(o.approvalRate)],
    ['Median hours to first response', o.medianHoursToFirstResponse == null ? '—' : o.medianHoursToFirstResponse.toFixed(1)],
    ['Firms (rated)', `${number.format(o.enterprises)} (${number.format(o.ratedEnterprises)})`],
    ['Published products', number.format(o.publishedProducts)],
    [
      'Referrals (matched / funded)',
      `${number.format(o.referredRequests)} (${number.format(o.referralsMatched)} / ${number.format(o.referralsFunded)})`,
    ],
    ['Policy money committed', money(o.policyMoneyCommitted)],
    ['Policy money paid', money(o.policyMoneyPaid)],
    [
      'Demand hall interests (confirmed / funded)',
      `${number.format(o.demandHallInterests)} (${number.format(o.demandHallConfirmed)} / ${number.format(o.demandHallFunded)})`,
    ],
  ];
  fillTiles('tiles', tiles);
}

// After the loan (docs/LIFECYCLE.md): the loans disbursed in the period and where they are now.
function drawLoanTiles(l) {
  const rate = (value) => (value == null ? '—' : percent.format(value));
  fillTiles('loan-tiles', l == null ? [['Loans', '0']] : [
    ['Loans', number.format(l.loans)],
    ['Outstanding', money(l.outstandingAmount)],
    ['Overdue ratio', rate(l.overdueRatio)],
    ['Default rate', rate(l.defaultRate)],
    ['First loans', `${number.format(l.firstLoans)} (${rate(l.firstLoanRate)})`],
    ['Unsecured share', rate(l.creditShare)],
    ['Average rate', l.averageAnnualRate == null ? '—' : `${l.averageAnnualRate.toFixed(2)}%`],
    ['Median days to disbursement', l.medianDaysToDisbursement == null ? '—' : l.medianDaysToDisbursement.toFixed(1)],
    ['Unreported (stale) loans', number.format(l.staleLoans)],
    ['Risk-fund claims paid', money(l.claimsPaid)],
  ]);
}

function fillTiles(id, tiles) {
  $(id).replaceChildren(...tiles.map(([label, value]) => {
    const tile = document.createElement('div');
    tile.className = 'tile';
    tile.dataset.figure = label;
    if (typeof value === 'object') {
      tile.title = value.exact;
      value = value.short;
    }
    tile.innerHTML = '<div class="label"></div><div class="value"></div>';
    tile.querySelector('.label').textContent = label;
    tile.querySelector('.value').textContent = value;
    return tile;
  }));
}

// Amounts on tiles: short (¥142.5M), the exact figure on hover.
function money(amount) {
  return { short: `¥${compactYuan.format(amount)}`, exact: `¥${yuan.format(amount)}` };
}

function drawLoans(rows) {
  draw('loans', {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: 'Repaying', data: rows.map((r) => r.repayingLoans), backgroundColor: loanColours.repaying, stack: 'loans' },
        { label: 'Overdue', data: rows.map((r) => r.overdueLoans), backgroundColor: loanColours.overdue, stack: 'loans' },
        { label: 'Defaulted (ever)', data: rows.map((r) => r.defaultedLoans), backgroundColor: loanColours.defaulted, stack: 'loans' },
        { label: 'Settled', data: rows.map((r) => r.settledLoans), backgroundColor: loanColours.settled, stack: 'loans' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
}

function drawLoanGrades(rows) {
  draw('loan-grades', {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [{ label: 'Default rate', data: rows.map((r) => r.defaultRate ?? 0), backgroundColor: loanColours.defaulted }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { callback: (v) => percent.format(v) } } } },
  });
}

function draw(name, config) {
  charts[name]?.destroy();
  charts[name] = new Chart($(`chart-${name}`), config);
}

function drawFunnel(o) {
  draw('funnel', {
    type: 'bar',
    data: {
      labels: ['Requested', 'Matched', 'Approved', 'Disbursed'],
      datasets: [{
        label: 'Loan requests and matches',
        data: [o.loanRequests, o.matchedRequests, o.approvedMatches, o.disbursedLoans],
        backgroundColor: [colours.requested, colours.matched, colours.approved, colours.disbursed],
      }],
    },
    options: { indexAxis: 'y', plugins: { legend: { display: false } } },
  });
}

function drawMonths(rows) {
  draw('months', {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: 'Requested', data: rows.map((r) => r.requestedAmount), backgroundColor: colours.requested },
        { label: 'Approved', data: rows.map((r) => r.approvedAmount), backgroundColor: colours.approved },
        { label: 'Disbursed', data: rows.map((r) => r.disbursedAmount), backgroundColor: colours.disbursed },
      ],
    },
    options: { scales: { y: { ticks: { callback: (v) => `¥${compactYuan.format(v)}` } } } },
  });
}

function drawGroups(name, rows) {
  draw(name, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: 'Requests', data: rows.map((r) => r.loanRequests), backgroundColor: colours.requested },
        { label: 'Matches', data: rows.map((r) => r.matches), backgroundColor: colours.matched },
        { label: 'Approved', data: rows.map((r) => r.approvedMatches), backgroundColor: colours.approved },
        { label: 'Disbursed', data: rows.map((r) => r.disbursedLoans), backgroundColor: colours.disbursed },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function drawFeeds(feeds) {
  const rows = feeds.feeds;
  draw('feeds', {
    type: 'bar',
    data: {
      labels: rows.map((f) => `${f.departmentName} · ${f.feedType}`),
      datasets: [
        { label: 'Accepted rows', data: rows.map((f) => f.acceptedRows), backgroundColor: colours.approved, stack: 'rows' },
        { label: 'Rejected rows', data: rows.map((f) => f.rejectedRows), backgroundColor: colours.rejected, stack: 'rows' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  $('feed-table').tBodies[0].replaceChildren(...rows.map((f) => {
    const row = document.createElement('tr');
    const cells = [f.departmentName, f.feedType, number.format(f.batches), number.format(f.failedBatches), number.format(f.acceptedRows),
      number.format(f.rejectedRows), f.lastBatchReceivedAt ? new Date(f.lastBatchReceivedAt).toLocaleString() : 'never',
      f.quiet ? `quiet (nothing for ${feeds.quietAfterDays} days)` : 'receiving',
      `${number.format(f.openObjections)} (${number.format(f.overdueObjections)})`];
    for (const text of cells) row.insertCell().textContent = text;
    if (f.quiet) row.cells[7].className = 'quiet';
    if (f.overdueObjections > 0) row.cells[8].className = 'quiet';
    return row;
  }));
}

$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
// The job dashboard is a page of its own: the server turns this tab's token into a cookie that only /hangfire reads.
$('jobs').addEventListener('click', async () => {
  try {
    await api('/api/v1/auth/job-dashboard-session', { method: 'POST' });
    window.open('/hangfire', '_blank', 'noopener');
  } catch (error) {
    $('status').textContent = error.message;
  }
});
$('dashboard').addEventListener('click', async (event) => {
  const button = event.target.closest('.downloads button[data-format]');
  if (!button) return;
  button.disabled = true;
  try {
    await download(button.closest('.downloads'), button.dataset.format);
  } catch (error) {
    $('status').textContent = error.message;
  } finally {
    button.disabled = false;
  }
});
$('period').addEventListener('submit', (event) => {
  event.preventDefault();
  showDashboard();
});
if (sessionStorage.getItem(tokenKey)) showDashboard().catch(signOut);
else document.body.dataset.state = 'signed-out';
