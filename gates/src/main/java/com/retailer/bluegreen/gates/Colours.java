package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.layout.Colour;
import java.util.Objects;

/**
 * Which colour is judged and which one it is compared with, so failures can name them ("green drops …", "blue
 * 1,204 rows, green 1,180").
 *
 * @param candidate the colour that would be promoted
 * @param live      the colour serving the views now; {@code null} before the first promotion
 */
public record Colours(Colour candidate, Colour live) {

    public Colours {
        Objects.requireNonNull(candidate, "candidate");
        if (candidate == live) {
            throw new IllegalArgumentException("the candidate and the live colour are both " + candidate.id()
                    + "; a colour is never judged against itself");
        }
    }

    /** A candidate with no live colour to compare against (the first promotion). */
    public static Colours withoutLive(Colour candidate) {
        return new Colours(candidate, null);
    }

    /** Whether there is a live colour to compare against. */
    public boolean hasLive() {
        return live != null;
    }

    String candidateId() {
        return candidate.id();
    }

    /** The live colour's id, or {@code "live"} when there is none (used only in wording). */
    String liveId() {
        return live == null ? "live" : live.id();
    }
}
