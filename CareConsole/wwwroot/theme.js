// The light/dark switch in the header. The choice is kept in a cookie for a year, so the server draws every page in
// it from the first byte; until someone chooses, the dark style sheet follows the device (its media query). Switching
// only changes which media the dark sheet applies to: nothing reloads, a half-typed reply stays.

const cookie = "careconsole.theme";
const deviceDark = window.matchMedia("(prefers-color-scheme: dark)");

function chosen() {
    const match = document.cookie.match(/(?:^|;\s*)careconsole\.theme=(light|dark)/);
    return match ? match[1] : null;
}

function isDark() {
    const choice = chosen();
    return choice ? choice === "dark" : deviceDark.matches;
}

function show() {
    const choice = chosen();
    const sheet = document.querySelector("link[data-theme-sheet=dark]");
    if (sheet) {
        sheet.media = choice === "dark" ? "all" : choice === "light" ? "not all" : "(prefers-color-scheme: dark)";
    }
    for (const button of document.querySelectorAll("[data-theme-switch]")) {
        button.setAttribute("aria-pressed", isDark() ? "true" : "false");
    }
}

document.addEventListener("click", event => {
    const button = event.target.closest("[data-theme-switch]");
    if (!button) {
        return;
    }
    const next = isDark() ? "light" : "dark";
    document.cookie = `${cookie}=${next}; path=/; max-age=31536000; samesite=lax`;
    show();
});

deviceDark.addEventListener("change", show);
// Blazor redraws the header after enhanced navigation and when the page turns interactive.
new MutationObserver(show).observe(document.body, { childList: true, subtree: true });
show();
