/** A plain error page: the status and one line, no stack trace. */
export const ERROR = String.raw`<% layout('@layout') %>
<h1><%= it.page.heading %></h1>
<p><%= it.page.message %></p>
<p><a href="<%= it.layout.homeHref %>"><%= it.t.backHome %></a></p>
`;
