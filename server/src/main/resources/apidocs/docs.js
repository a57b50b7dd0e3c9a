// Starts Swagger UI on Petrel's own API description. Loaded by /docs; like every file of that
// page it comes from this server, and Swagger UI is told to call nothing else.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    // Links such as /docs#/App%20Updates open that group, as the seed document's link expects.
    deepLinking: true,
    // The default would load a badge from an outside validator service.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
  });
});
