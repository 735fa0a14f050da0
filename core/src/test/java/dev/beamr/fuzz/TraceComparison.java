package dev.beamr.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a module's Beamr and V8 traces. Lines are compared without their {@code | message}
 * part; trap kinds match when they share an alternative ({@code a/b} lists several), and a trap of
 * kind {@code other} (a message the harness cannot classify) matches any trap. A
 * call in which either side exhausted its stack, timed out or met something the harness cannot
 * pass makes the rest of the module inconclusive: the engines may legitimately differ from there.
 */
final class TraceComparison {
    enum Kind {
        AGREED,
        BOTH_REJECTED,
        INCONCLUSIVE,
        /** Diverged, but the module with its NaNs removed agrees: the difference is in NaN bits, which the spec leaves open. */
        NAN_DEPENDENT,
        DIVERGED
    }

    /** The verdict, with the first differing (or inconclusive) place for anything but agreement. */
    record Verdict(Kind kind, String detail) {}

    private TraceComparison() {}

    static Verdict compare(List<String> beamr, List<String> v8) {
        List<List<String>> beamrBlocks = blocks(beamr);
        List<List<String>> v8Blocks = blocks(v8);
        for (int b = 0; b < Math.max(beamrBlocks.size(), v8Blocks.size()); b++) {
            List<String> ours = b < beamrBlocks.size() ? beamrBlocks.get(b) : List.of();
            List<String> theirs = b < v8Blocks.size() ? v8Blocks.get(b) : List.of();
            String place = b == 0 ? "before the first call" : ours.isEmpty() ? theirs.getFirst() : ours.getFirst();
            if (b > 0 && (inconclusive(ours) || inconclusive(theirs))) {
                return new Verdict(Kind.INCONCLUSIVE, place + ": beamr " + last(ours) + "; v8 " + last(theirs));
            }
            for (int i = 0; i < Math.max(ours.size(), theirs.size()); i++) {
                String mine = i < ours.size() ? ours.get(i) : "(nothing)";
                String other = i < theirs.size() ? theirs.get(i) : "(nothing)";
                if (!same(mine, other)) {
                    return new Verdict(Kind.DIVERGED, place + ", line " + (i + 1) + ":\n    beamr: " + mine + "\n    v8:    " + other);
                }
            }
        }
        boolean rejected = !beamr.isEmpty() && beamr.getFirst().startsWith("invalid");
        return new Verdict(rejected ? Kind.BOTH_REJECTED : Kind.AGREED, null);
    }

    /** The lines before the first call, then one block per call starting with its {@code call} line. */
    private static List<List<String>> blocks(List<String> trace) {
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(new ArrayList<>());
        for (String line : trace) {
            if (line.startsWith("call ")) blocks.add(new ArrayList<>());
            blocks.getLast().add(line);
        }
        return blocks;
    }

    private static boolean inconclusive(List<String> block) {
        for (String line : block) {
            if (line.equals("exhausted") || line.equals("timeout") || line.startsWith("unsupported")) return true;
        }
        return false;
    }

    private static String last(List<String> block) {
        return block.isEmpty() ? "(nothing)" : block.getLast();
    }

    static boolean same(String beamr, String v8) {
        String[] ours = withoutMessage(beamr).split(" ");
        String[] theirs = withoutMessage(v8).split(" ");
        boolean traps = ours.length == 2 && theirs.length == 2 && ours[0].endsWith("trap") && ours[0].equals(theirs[0]);
        if (traps) return trapKindsMatch(ours[1], theirs[1]);
        return withoutMessage(beamr).equals(withoutMessage(v8));
    }

    private static boolean trapKindsMatch(String ours, String theirs) {
        if (ours.equals("other") || theirs.equals("other")) return true;
        List<String> alternatives = List.of(theirs.split("/"));
        for (String kind : ours.split("/")) {
            if (alternatives.contains(kind)) return true;
        }
        return false;
    }

    private static String withoutMessage(String line) {
        int bar = line.indexOf(" | ");
        return bar < 0 ? line : line.substring(0, bar);
    }
}
