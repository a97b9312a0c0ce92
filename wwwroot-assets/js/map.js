// The network map's keyboard shortcuts (imported as an ES module by BrowserModule).
// "/" focuses the search, "Esc" clears it and closes the panel, "f" fits the map, "+"/"-" zoom, and Enter or
// Space on a focused node or link selects it (or expands a collapsed network).
// None fires while the user types in a field, except Esc.

function isTyping(target) {
    if (!target || !(target instanceof Element)) {
        return false;
    }
    if (target.isContentEditable) {
        return true;
    }
    const tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

export function attachShortcuts(root, dotnet) {
    const handler = event => {
        if (event.defaultPrevented || !root.isConnected) {
            return;
        }
        const typing = isTyping(event.target);
        if (event.key === "Escape") {
            if (typing && root.contains(event.target)) {
                event.target.blur();
            }
            dotnet.invokeMethodAsync("OnShortcut", "Escape");
            return;
        }
        if (typing || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        // Enter or Space on a focused node or link does what a click does.
        const target = event.target instanceof Element ? event.target.closest("[data-activate]") : null;
        if (target && root.contains(target) && (event.key === "Enter" || event.key === " ")) {
            event.preventDefault();
            dotnet.invokeMethodAsync("OnActivate", target.getAttribute("data-activate"));
            return;
        }
        if (event.key === "/") {
            event.preventDefault();
            const input = root.querySelector("[data-map-search] input");
            if (input) {
                input.focus();
                input.select();
            }
            return;
        }
        const key = event.key === "=" ? "+" : event.key.toLowerCase();
        if (key === "f" || key === "+" || key === "-") {
            event.preventDefault();
            dotnet.invokeMethodAsync("OnShortcut", key);
        }
    };
    document.addEventListener("keydown", handler);
    return {
        dispose: () => document.removeEventListener("keydown", handler),
    };
}
