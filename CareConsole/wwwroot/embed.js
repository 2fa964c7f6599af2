// Adds MelaMart's support chat to any web page:
//   <script src="https://support.example.com/embed.js" async></script>
// A round button opens the chat in a frame served by the same CareConsole that served this script.
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script || window.__careConsoleEmbed) {
        return;
    }
    window.__careConsoleEmbed = true;
    var origin = new URL(script.src, location.href).origin;

    var style = document.createElement("style");
    style.textContent =
        ".careconsole-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:none;" +
        "border-radius:50%;background:#0f3d3e;color:#fff;font:600 14px system-ui,sans-serif;cursor:pointer;" +
        "box-shadow:0 6px 20px rgba(0,0,0,.25)}" +
        ".careconsole-frame{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:380px;height:600px;" +
        "max-width:calc(100vw - 24px);max-height:calc(100vh - 112px);border:none;border-radius:16px;background:#fff;" +
        "box-shadow:0 12px 40px rgba(0,0,0,.3);display:none}" +
        ".careconsole-frame.open{display:block}" +
        // Phones: the chat fills the screen below a strip that holds the close button, so the button never sits on
        // the chat's own header (its language picker is at the top right).
        "@media (max-width:480px){.careconsole-frame{right:0;bottom:0;top:56px;width:100vw;height:calc(100% - 56px);" +
        "max-width:none;max-height:none;border-radius:0}" +
        ".careconsole-launcher.open{bottom:auto;top:6px;right:12px;width:44px;height:44px}}";
    document.head.appendChild(style);

    var frame = document.createElement("iframe");
    frame.className = "careconsole-frame";
    frame.title = "MelaMart support chat";
    frame.setAttribute("allow", "microphone");

    var button = document.createElement("button");
    button.type = "button";
    button.className = "careconsole-launcher";
    button.setAttribute("aria-label", "Open support chat");
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Chat";

    button.addEventListener("click", function () {
        var opening = !frame.classList.contains("open");
        if (opening && !frame.src) {
            // Loaded on first open, so pages that never use the chat cost the server nothing.
            frame.src = origin + "/widget";
        }
        frame.classList.toggle("open", opening);
        button.classList.toggle("open", opening);
        button.textContent = opening ? "✕" : "Chat";
        button.setAttribute("aria-label", opening ? "Close support chat" : "Open support chat");
        button.setAttribute("aria-expanded", opening ? "true" : "false");
    });

    function attach() {
        document.body.appendChild(frame);
        document.body.appendChild(button);
    }
    if (document.body) {
        attach();
    } else {
        document.addEventListener("DOMContentLoaded", attach);
    }
})();
