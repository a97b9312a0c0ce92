// Small browser helpers for NetDashboard's Blazor components (imported as an ES module).

const themeKey = "netdashboard.theme";

/** The user's stored theme choice: "dark", "light", or null when the system preference should be followed. */
export function getThemePreference() {
    try {
        const value = window.localStorage.getItem(themeKey);
        return value === "dark" || value === "light" ? value : null;
    } catch {
        return null; // storage disabled (private mode, policies)
    }
}

/** Stores "dark" or "light"; anything else forgets the choice so the system preference is followed again. */
export function setThemePreference(value) {
    try {
        if (value === "dark" || value === "light") {
            window.localStorage.setItem(themeKey, value);
        } else {
            window.localStorage.removeItem(themeKey);
        }
    } catch {
        // storage disabled: the choice lasts for this page only
    }
}

/** Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is unavailable (plain http). */
export async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // fall through to the fallback
        }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
        return document.execCommand("copy");
    } catch {
        return false;
    } finally {
        document.body.removeChild(area);
    }
}
