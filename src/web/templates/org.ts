/** The page of one gemeente: score and parts, peers, trend, response times, outcomes, accounts, bios, requests. */
export const ORG = String.raw`<% layout('@layout') %>
<p class="crumbs"><a href="<%= it.layout.homeHref %>"><%= it.t.allGemeenten %></a></p>
<h1><%= it.page.heading %></h1>
<p class="sub"><%= it.page.sub %></p>
<p class="period"><%= it.page.period %></p>
<% it.page.notices.forEach(function (n) { %><p class="notice" role="note"><%= n %></p>
<% }) %><%~ include('@filters', it.page.form) %>
<section aria-labelledby="score-h">
<h2 id="score-h"><%= it.t.scoreHeading %></h2>
<dl class="kpis">
<% it.page.kpis.forEach(function (k) { %><div><dt><%= k.label %></dt><dd><%= k.value %><% if (k.mark) { %><abbr class="mark" title="<%= k.markTitle %>"><%= k.mark %></abbr><% } %></dd></div>
<% }) %></dl>
<p class="note"><%= it.page.scoreNote %></p>
<%~ include('@table', it.page.parts) %>
</section>
<section aria-labelledby="peers-h">
<h2 id="peers-h"><%= it.t.peersHeading %></h2>
<%~ include('@table', it.page.peers) %>
</section>
<section aria-labelledby="trend-h">
<h2 id="trend-h"><%= it.t.orgTrendHeading %></h2>
<div class="chart"><%~ it.page.trend.svg %></div>
<details><summary><%= it.page.trend.summary %></summary>
<%~ include('@table', it.page.trend.table) %>
</details>
</section>
<section aria-labelledby="times-h">
<h2 id="times-h"><%= it.t.timesHeading %></h2>
<%~ include('@table', it.page.times) %>
<div class="charts">
<% it.page.histograms.forEach(function (h) { %><figure class="chart"><figcaption aria-hidden="true"><%= h.caption %></figcaption><%~ h.svg %></figure>
<% }) %></div>
<details><summary><%= it.page.histogramTable.caption %></summary>
<%~ include('@table', it.page.histogramTable) %>
</details>
</section>
<section aria-labelledby="outcomes-h">
<h2 id="outcomes-h"><%= it.t.outcomesHeading %></h2>
<div class="chart"><%~ it.page.outcomes.svg %></div>
<%~ include('@table', it.page.outcomes.table) %>
</section>
<section aria-labelledby="accounts-h">
<h2 id="accounts-h"><%= it.t.accountsHeading %></h2>
<%~ include('@table', it.page.accounts) %>
</section>
<section aria-labelledby="bios-h">
<h2 id="bios-h"><%= it.t.biosHeading %></h2>
<%~ include('@table', it.page.statedActual) %>
<%~ include('@table', it.page.bios) %>
</section>
<section aria-labelledby="waiting-h">
<h2 id="waiting-h"><%= it.t.waitingHeading %></h2>
<p class="note"><%= it.page.textNote %></p>
<%~ include('@table', it.page.waiting) %>
</section>
<section aria-labelledby="unanswered-h">
<h2 id="unanswered-h"><%= it.t.unansweredHeading %></h2>
<%~ include('@table', it.page.unanswered) %>
</section>
`;
