// Keyboard shortcuts of the agent console. A module served by CareBot itself (CSP script-src 'self'; no inline script).
// One listener on the document reads the page at key time, so it keeps working across Blazor's enhanced navigation.
//   Inbox: j / k move to the next / previous case, Enter opens it (the focused link).
//   Case:  r reply box, n note box, e Resolve.
//   Everywhere: ? shows the list of shortcuts (Escape closes it).

function typingInAField(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function moveInInbox(step) {
  const links = Array.from(document.querySelectorAll("table.inbox tbody tr td:first-child a"));
  if (links.length === 0) {
    return false;
  }
  const current = links.indexOf(document.activeElement);
  const next = current < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
  for (const row of document.querySelectorAll("table.inbox tbody tr.current")) {
    row.classList.remove("current");
  }
  links[next].closest("tr").classList.add("current");
  links[next].focus();
  return true;
}

function focusField(id) {
  const field = document.getElementById(id);
  if (!field) {
    return false;
  }
  field.focus();
  return true;
}

function press(shortcut) {
  const button = document.querySelector(`button[data-shortcut="${shortcut}"]`);
  if (!button || button.disabled) {
    return false;
  }
  button.click();
  return true;
}

function showHelp() {
  const dialog = document.getElementById("shortcuts");
  if (!dialog || dialog.open) {
    return false;
  }
  dialog.showModal();
  return true;
}

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingInAField(event.target)) {
    return;
  }
  if (document.getElementById("shortcuts")?.open) {
    return;
  }
  const handled = {
    j: () => moveInInbox(1),
    k: () => moveInInbox(-1),
    r: () => focusField("reply"),
    n: () => focusField("note"),
    e: () => press("e"),
    "?": () => showHelp(),
  }[event.key]?.();
  if (handled) {
    event.preventDefault();
  }
});

document.addEventListener("click", (event) => {
  if (event.target instanceof HTMLElement && event.target.matches("#shortcuts [data-close]")) {
    document.getElementById("shortcuts").close();
  }
});
