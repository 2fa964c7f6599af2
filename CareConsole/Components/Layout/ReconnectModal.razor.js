// Opens and closes the reconnect dialog (ReconnectModal.razor) as blazor.web.js reports the live connection's
// state through its "components-reconnect-state-changed" event. The state is kept on the dialog as data-state,
// which the dialog's CSS reads to show "reconnecting" or "could not reconnect".
const dialog = document.getElementById("components-reconnect-modal");

if (dialog) {
    dialog.addEventListener("components-reconnect-state-changed", onStateChanged);
    document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
}

function onStateChanged(event) {
    const state = event.detail?.state;
    if (state === "rejected") {
        // The server no longer has this circuit: only a fresh page can continue.
        location.reload();
        return;
    }
    if (state === "hide") {
        document.removeEventListener("visibilitychange", retryWhenVisible);
        delete dialog.dataset.state;
        dialog.close();
        return;
    }
    // "show" and "retrying" while the script tries again; "failed", "paused" and "resume-failed" when it stopped.
    const stopped = state === "failed" || state === "paused" || state === "resume-failed";
    dialog.dataset.state = stopped ? "failed" : "reconnecting";
    if (!dialog.open) {
        dialog.showModal();
    }
    if (stopped) {
        // Coming back to the tab is the moment a customer expects it to work again.
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // True: connected again. False: the server answered but no longer knows this circuit.
        if (await Blazor.reconnect()) {
            return;
        }
        // A circuit the server parked can be resumed, keeping the chat where it was.
        if (await Blazor.resumeCircuit()) {
            dialog.close();
            return;
        }
    } catch {
        // The server is unreachable right now; a reload shows the browser's own error.
    }
    location.reload();
}

function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        retry();
    }
}
