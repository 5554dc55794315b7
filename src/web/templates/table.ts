/**
 * A data table: <caption>, column headers (with sort links and aria-sort), row headers, and bodies
 * with an optional heading each (organisations without a score are listed apart).
 */
export const TABLE = String.raw`<div class="table-wrap">
<table<% if (it.id) { %> id="<%= it.id %>"<% } %><% if (it.searchable) { %> data-searchable<% } %>>
<caption><%= it.caption %></caption>
<thead><tr>
<% it.columns.forEach(function (c) { %><th scope="col"<% if (c.sort) { %> aria-sort="<%= c.sort %>"<% } %><% if (c.numeric) { %> class="num"<% } %>><% if (c.href) { %><a href="<%= c.href %>"><%= c.label %><% if (c.sortMark) { %> <span aria-hidden="true"><%= c.sortMark %></span><% } %></a><% } else { %><%= c.label %><% } %></th>
<% }) %></tr></thead>
<% it.bodies.forEach(function (b) { %><tbody>
<% if (b.title) { %><tr class="group"><th scope="rowgroup" colspan="<%= it.columns.length %>"><%= b.title %></th></tr>
<% } %><% b.rows.forEach(function (r) { %><tr<% if (r.name) { %> data-name="<%= r.name %>"<% } %>>
<% r.cells.forEach(function (c) { %><<%~ c.th ? 'th scope="row"' : 'td' %><% if (c.numeric || c.cls) { %> class="<%= [c.numeric ? 'num' : '', c.cls || ''].join(' ').trim() %>"<% } %>><% if (c.href) { %><a href="<%= c.href %>"<% if (c.external) { %> rel="noopener noreferrer nofollow"<% } %>><%= c.text %></a><% } else { %><%= c.text %><% } %><% if (c.mark) { %><abbr class="mark" title="<%= c.markTitle %>"><%= c.mark %></abbr><% } %></<%~ c.th ? 'th' : 'td' %>>
<% }) %></tr>
<% }) %><% if (!b.rows.length && b.empty) { %><tr><td colspan="<%= it.columns.length %>"><%= b.empty %></td></tr>
<% } %></tbody>
<% }) %></table>
</div>
<% if (it.downloads && it.downloads.length) { %><p class="downloads"><%= it.downloadLabel %>: <% it.downloads.forEach(function (d, i) { %><% if (i) { %> · <% } %><a href="<%= d.href %>" download><%= d.label %></a><% }) %></p>
<% } %>`;
