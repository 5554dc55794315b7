/** The national page: filters, key figures, the map, the weekly trend and the league table. */
export const NATIONAL = String.raw`<% layout('@layout') %>
<h1><%= it.page.heading %></h1>
<p class="period"><%= it.page.period %></p>
<% it.page.notices.forEach(function (n) { %><p class="notice" role="note"><%= n %></p>
<% }) %><%~ include('@filters', it.page.form) %>
<section aria-labelledby="kpi-h">
<h2 id="kpi-h"><%= it.t.kpiHeading %></h2>
<dl class="kpis">
<% it.page.kpis.forEach(function (k) { %><div><dt><%= k.label %></dt><dd><%= k.value %><% if (k.mark) { %><abbr class="mark" title="<%= k.markTitle %>"><%= k.mark %></abbr><% } %></dd></div>
<% }) %></dl>
<p class="note"><%= it.page.kpiNote %></p>
<p class="downloads"><%= it.t.download %>: <% it.page.kpiDownloads.forEach(function (d, i) { %><% if (i) { %> · <% } %><a href="<%= d.href %>" download><%= d.label %></a><% }) %></p>
</section>
<section aria-labelledby="map-h">
<h2 id="map-h"><%= it.page.mapHeading %></h2>
<a class="skip-inline" href="#league"><%= it.t.skipMap %></a>
<div class="map"><%~ it.page.map %></div>
<p class="note"><%= it.page.mapNote %> <a href="#league"><%= it.t.toLeague %></a></p>
</section>
<section aria-labelledby="trend-h">
<h2 id="trend-h"><%= it.t.trendHeading %></h2>
<div class="chart"><%~ it.page.trend.svg %></div>
<details><summary><%= it.page.trend.summary %></summary>
<%~ include('@table', it.page.trend.table) %>
</details>
</section>
<section aria-labelledby="league-h">
<h2 id="league-h"><%= it.t.leagueHeading %></h2>
<p class="table-search" hidden data-found="<%= it.t.searchFound %>"><label for="q"><%= it.t.searchLabel %></label>
<input id="q" type="search" autocomplete="off"> <output for="q" aria-live="polite"></output></p>
<%~ include('@table', it.page.league) %>
</section>
`;
