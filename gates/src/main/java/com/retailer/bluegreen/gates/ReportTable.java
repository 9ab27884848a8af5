package com.retailer.bluegreen.gates;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link GateReport} for a terminal: a header line, a fixed-width table, then all failures in full. */
final class ReportTable {
    private static final int FIGURES = 90;
    private static final int FAILURE = 100;

    private ReportTable() {
    }

    static String render(GateReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Gates for ").append(report.candidate()).append(" (generation ")
                .append(report.candidateGeneration()).append(") vs ")
                .append(report.live() == null ? "no live colour" : report.live()).append(", release ")
                .append(report.releaseId()).append(": ").append(report.passed() ? "PASSED" : "NOT PASSED")
                .append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"gate", "verdict", "key figures", "first failure"});
        for (String gate : GateResult.GATES) {
            rows.add(report.result(gate)
                    .map(r -> new String[] {gate, r.verdict().name(), cut(r.summary(), FIGURES),
                            r.failures().isEmpty() ? "-" : cut(r.failures().get(0), FAILURE)})
                    .orElse(new String[] {gate, "MISSING", "-", "the gate did not run; the report cannot pass"}));
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                line(out, new String[] {"-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]),
                        "-".repeat(widths[3])}, widths);
            }
        }
        for (GateResult r : report.results()) {
            for (String f : r.failures()) {
                out.append("  ").append(r.gate()).append(": ").append(f).append('\n');
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            String cell = i == cells.length - 1 ? cells[i] : pad(cells[i], widths[i]);
            out.append(cell).append(i == cells.length - 1 ? "" : " | ");
        }
        out.append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
