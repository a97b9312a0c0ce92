// The reachability matrix's arrow keys (imported as an ES module by ReachabilityGrid): move the focus from cell to
// cell by the table's own row and column indices, skipping the diagonal. Client-side only; Tab, Enter and Space work
// as on any button without it.

const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function attachGridKeys(root) {
    const handler = event => {
        const move = moves[event.key];
        const button = event.target instanceof HTMLButtonElement ? event.target : null;
        const td = button?.parentElement;
        const tr = td?.parentElement;
        const tbody = tr?.parentElement;
        if (!move || !td || td.tagName !== "TD" || !root.contains(td) || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        let row = tr.sectionRowIndex;
        let col = td.cellIndex;
        for (let step = 0; step < 2; step++) {
            row += move[0];
            col += move[1];
            const next = tbody.rows[row]?.cells[col]?.querySelector("button");
            if (next) {
                event.preventDefault();
                next.focus();
                return;
            }
        }
    };
    root.addEventListener("keydown", handler);
    return { dispose: () => root.removeEventListener("keydown", handler) };
}
