/**
 * The dashboard's one stylesheet, served at /static/dashboard.css (the CSP allows styles from the app
 * only: no inline style). Focus is always visible; colours keep a contrast of at least 4.5:1.
 */
export const DASHBOARD_CSS = `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #c8c8c8; --bg: #ffffff; --band: #f3f5f8; --link: #00578a; --focus: #b35900; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; top: 1rem; }
.skip-inline { position: absolute; left: -9999px; }
.skip-inline:focus { position: static; display: inline-block; margin: .3rem 0; }
header.site, footer.site { background: var(--band); padding: .6rem 1.25rem; }
header.site nav { display: flex; justify-content: space-between; align-items: baseline; max-width: 78rem; margin: 0 auto; }
header.site .home { font-weight: 700; font-size: 1.1rem; text-decoration: none; color: var(--ink); }
footer.site { margin-top: 3rem; color: var(--muted); font-size: .9rem; }
footer.site p { max-width: 78rem; margin: .3rem auto; }
main { max-width: 78rem; margin: 0 auto; padding: 1rem 1.25rem; }
main:focus { outline: none; }
h1 { font-size: 1.7rem; margin: .8rem 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.sub, .period, .crumbs { color: var(--muted); margin: .2rem 0; }
.notice { border-left: 4px solid var(--focus); background: #fff6ec; padding: .4rem .8rem; margin: .6rem 0; }
.note { color: var(--muted); font-size: .92rem; }
form.filters fieldset { border: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; align-items: flex-end; padding: .4rem 1rem .8rem; margin: 1rem 0; }
form.filters legend { font-weight: 600; padding: 0 .3rem; }
form.filters p { margin: .3rem 0; display: flex; flex-direction: column; }
form.filters label { font-size: .88rem; color: var(--muted); }
select, input, button { font: inherit; padding: .3rem .45rem; border: 1px solid #767676; border-radius: 3px; background: #fff; color: var(--ink); }
button { background: var(--link); color: #fff; border-color: var(--link); cursor: pointer; padding: .3rem 1rem; }
.kpis { display: flex; flex-wrap: wrap; gap: .8rem; margin: .5rem 0; padding: 0; }
.kpis div { background: var(--band); padding: .6rem 1rem; min-width: 10rem; border-radius: 4px; }
.kpis dt { font-size: .88rem; color: var(--muted); }
.kpis dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
.mark { text-decoration: none; color: var(--focus); font-weight: 700; margin-left: .1rem; cursor: help; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .6rem 0; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
thead th.num { white-space: normal; }
#league td:nth-child(3) { white-space: nowrap; }
thead th a { color: var(--ink); }
th[aria-sort] a { color: var(--link); white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.text { white-space: pre-wrap; max-width: 34rem; overflow-wrap: anywhere; }
tr.group th { background: var(--band); font-weight: 600; }
td.flag { font-weight: 700; }
.status-errors, .status-stopped { font-weight: 700; color: #8a3a00; }
.map svg, .chart svg { max-width: 100%; height: auto; }
.map a:focus-visible path, .map a:hover path { stroke: #000; stroke-width: 2; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.chart { margin: .6rem 0; }
figure.chart figcaption { font-weight: 600; padding: .3rem 0; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; color: var(--link); }
.table-search { margin: .4rem 0; }
.downloads { font-size: .92rem; }
@media print { .skip, form.filters, .table-search { display: none; } }
`;
