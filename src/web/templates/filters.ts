/** The filter form: a GET form (works without script), one select per filter and the period's dates. */
export const FILTERS = String.raw`<form class="filters" method="get" action="<%= it.action %>">
<fieldset>
<legend><%= it.legend %></legend>
<% it.hidden.forEach(function (h) { %><input type="hidden" name="<%= h.name %>" value="<%= h.value %>">
<% }) %><% it.selects.forEach(function (s) { %><p><label for="f-<%= s.name %>"><%= s.label %></label>
<select id="f-<%= s.name %>" name="<%= s.name %>">
<% s.options.forEach(function (o) { %><option value="<%= o.value %>"<% if (o.selected) { %> selected<% } %>><%= o.label %></option>
<% }) %></select></p>
<% }) %><p><label for="f-since"><%= it.sinceLabel %></label>
<input id="f-since" name="since" type="date" value="<%= it.since %>"></p>
<p><label for="f-until"><%= it.untilLabel %></label>
<input id="f-until" name="until" type="date" value="<%= it.until %>"></p>
<p><button type="submit"><%= it.submit %></button></p>
</fieldset>
</form>
`;
