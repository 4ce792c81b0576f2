// Boots Swagger UI on the contract this server serves. A file of its own rather than inline HTML, so
// the starters' Content-Security-Policy needs no 'unsafe-inline'.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
  });
});
