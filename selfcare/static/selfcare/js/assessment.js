// Self-assessment pages: move focus to the error summary (for browsers that ignore
// autofocus on it) and offer a print button. Everything works without this script.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
// A printed result includes the answers, also when their list is folded away.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll(".answer-summary")) {
    details.open = true;
  }
});
