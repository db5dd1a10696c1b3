// Mounts GraphiQL on this server's /graphql: queries and mutations over HTTP,
// subscriptions over WebSocket (graphql-transport-ws). Kept out of the page so a strict
// Content-Security-Policy (script-src 'self') still allows it.
(function () {
  "use strict";

  var EXAMPLE_QUERY = [
    "# Vendormatch: vendors, project requests and explained matches.",
    "# Sign in with the `login` mutation, then add",
    '#   {"Authorization": "Bearer <token>"}',
    "# in the Headers tab below.",
    "",
    "{",
    '  tags(search: "react", first: 5) { slug name }',
    "}",
    "",
  ].join("\n");

  var endpoint = new URL(window.location.href);
  endpoint.search = "";
  endpoint.hash = "";
  var subscriptionUrl = new URL(endpoint.href);
  subscriptionUrl.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";

  var fetcher = GraphiQL.createFetcher({
    url: endpoint.href,
    subscriptionUrl: subscriptionUrl.href,
  });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: EXAMPLE_QUERY,
      defaultEditorToolsVisibility: true,
      plugins: [explorer],
      inputValueDeprecation: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    })
  );
})();
