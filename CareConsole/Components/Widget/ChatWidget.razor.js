// Keeps the customer's conversation across page reloads in this tab (sessionStorage: closing the tab forgets it),
// and keeps the newest message in view. Inside another site's frame the browser may refuse storage to us; the
// chat then simply starts fresh on reload.

export function load(key) {
    try {
        return sessionStorage.getItem(key);
    } catch {
        return null;
    }
}

export function save(key, value) {
    try {
        sessionStorage.setItem(key, value);
    } catch {
        // Storage refused (third-party frame, private mode): the conversation lives as long as the page.
    }
}

export function forget(key) {
    try {
        sessionStorage.removeItem(key);
    } catch {
        // Nothing was stored.
    }
}

export function scrollToEnd(element) {
    if (element) {
        element.scrollTop = element.scrollHeight;
    }
}
