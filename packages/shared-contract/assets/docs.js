// Boots Swagger UI on the contract this server serves. Kept out of the HTML so CSP needs no 'unsafe-inline'.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
  });
});
