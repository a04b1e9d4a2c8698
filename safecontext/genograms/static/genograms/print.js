// The printable genogram page's Print button: shown only when JavaScript can print (a file, for the CSP).
(function () {
  "use strict";
  var button = document.querySelector(".sc-print-button");
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
