// Drives the reconnect <dialog> in Components/Layout/ReconnectModal.razor.
//
// The .NET 9 blazor.web.js that BlazorWebJs.targets extracts reports the connection state by putting one
// of the classes below on #components-reconnect-modal; the .NET 10 script also raises a
// "components-reconnect-state-changed" event, which this build cannot rely on. Watching the classes works
// with both scripts. The paragraphs inside the dialog show or hide by the same classes (ReconnectModal.razor.css).
const dialog = document.getElementById("components-reconnect-modal");

if (dialog) {
    const retryButton = document.getElementById("components-reconnect-button");
    retryButton?.addEventListener("click", retry);

    new MutationObserver(onStateChanged).observe(dialog, { attributes: true, attributeFilter: ["class"] });
}

function onStateChanged() {
    const state = dialog.classList;
    if (state.contains("components-reconnect-rejected")) {
        // The server no longer has this circuit: only a fresh page can continue.
        location.reload();
    } else if (state.contains("components-reconnect-show") || state.contains("components-reconnect-failed")) {
        if (!dialog.open) {
            dialog.showModal();
        }
        if (state.contains("components-reconnect-failed")) {
            document.addEventListener("visibilitychange", retryWhenVisible);
        }
    } else if (state.contains("components-reconnect-hide")) {
        document.removeEventListener("visibilitychange", retryWhenVisible);
        dialog.close();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        if (await Blazor.reconnect()) {
            return;
        }
        // .NET 10 can resume a circuit the server parked; the .NET 9 script has no such call.
        if (typeof Blazor.resumeCircuit === "function" && await Blazor.resumeCircuit()) {
            dialog.close();
            return;
        }
    } catch {
        // A throw means the server is unreachable right now; a reload shows the browser's own error.
    }
    location.reload();
}

function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        retry();
    }
}
