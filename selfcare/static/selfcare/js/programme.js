// Self-care programmes. Everything works without this script; with it:
// - reflection answers and checklist ticks are kept in this browser (localStorage) only:
//   their inputs have no name, so no form ever sends them;
// - the progress the server keeps in a cookie is mirrored to localStorage, and offered back
//   ("continue from the saved progress") when the cookie is gone;
// - a video is loaded from its service only when the user asks for it;
// - print buttons.
(() => {
  "use strict";
  const PREFIX = "hyvinvointiopas:";

  function openStorage() {
    try {
      const storage = window.localStorage;
      storage.setItem(PREFIX + "test", "1");
      storage.removeItem(PREFIX + "test");
      return storage;
    } catch {
      return null; // private mode or storage turned off: behave as without JavaScript
    }
  }

  function keepFields(storage) {
    for (const note of document.querySelectorAll("[data-local-note]")) {
      note.textContent = note.dataset.localNote;
    }
    for (const field of document.querySelectorAll("[data-local]")) {
      const key = PREFIX + field.dataset.local;
      const saved = storage.getItem(key);
      if (field.type === "checkbox") {
        field.checked = saved === "1";
        field.addEventListener("change", () => storage.setItem(key, field.checked ? "1" : "0"));
      } else {
        if (saved !== null) field.value = saved;
        field.addEventListener("input", () => storage.setItem(key, field.value));
      }
    }
  }

  function mirrorProgress(storage) {
    const holder = document.querySelector("[data-progress]");
    if (!holder) return;
    let data;
    try {
      data = JSON.parse(holder.dataset.progress);
    } catch {
      return;
    }
    const key = PREFIX + "progress:" + data.programme;
    if (data.state) {
      storage.setItem(key, JSON.stringify(data.state));
    } else {
      const saved = storage.getItem(key);
      const form = document.getElementById("restore-progress");
      if (saved && form) {
        form.elements.saved.value = saved;
        form.hidden = false;
      }
    }
    for (const form of document.querySelectorAll("form[data-restart]")) {
      form.addEventListener("submit", () => storage.removeItem(key));
    }
  }

  function videos() {
    for (const button of document.querySelectorAll("[data-video-load]")) {
      const id = button.dataset.videoLoad;
      const template = document.querySelector(`[data-video-template="${id}"]`);
      const frame = document.querySelector(`[data-video-frame="${id}"]`);
      if (!template || !frame || !template.innerHTML.trim()) continue;
      button.hidden = false;
      button.addEventListener("click", () => {
        frame.append(template.content.cloneNode(true));
        button.hidden = true;
        const player = frame.querySelector("iframe");
        if (player) player.focus();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const storage = openStorage();
    if (storage) {
      keepFields(storage);
      mirrorProgress(storage);
    }
    videos();
    for (const button of document.querySelectorAll("[data-print]")) {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    }
    const done = document.getElementById("programme-completed");
    if (done && window.location.hash === "#programme-completed") done.focus();
  });
})();
