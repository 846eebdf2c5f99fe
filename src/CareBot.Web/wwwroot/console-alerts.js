// Alerts of the agent console for a new high or urgent case: a short sound (served by CareBot itself) and, when the
// agent opted in on this browser, a desktop notification through the Notification API.

const optInKey = "carebot.console.desktopNotifications";
const sound = new URL("console-alert.wav", import.meta.url);

export function desktopNotificationsOn() {
  return "Notification" in window && Notification.permission === "granted" && localStorage.getItem(optInKey) === "on";
}

// Asks the browser for permission (it must follow a click); returns whether notifications are now on.
export async function setDesktopNotifications(on) {
  if (!on) {
    localStorage.setItem(optInKey, "off");
    return false;
  }
  if (!("Notification" in window)) {
    return false;
  }
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  localStorage.setItem(optInKey, permission === "granted" ? "on" : "off");
  return permission === "granted";
}

export function alertNewCase(caseId, title, body, url) {
  document.body.dataset.lastAlert = caseId; // what the browser tests read
  new Audio(sound).play().catch(() => { /* no sound before the user interacted with the page; the row still shows */ });
  if (desktopNotificationsOn()) {
    const notification = new Notification(title, { body, tag: caseId });
    notification.onclick = () => { window.focus(); location.assign(url); };
  }
}
