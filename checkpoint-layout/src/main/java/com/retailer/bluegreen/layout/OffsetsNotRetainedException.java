package com.retailer.bluegreen.layout;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Kafka can no longer serve exactly the records after a consistent cut: a cut offset below the partition's earliest
 * retained offset (retention or {@code deleteRecords} removed records the colour would need), a cut offset beyond
 * the partition's end or a cut partition Kafka does not report (the topic was recreated), or a partition created after
 * the cut whose first records are gone. Starting from such a cut would leave a gap, so it is refused.
 *
 * @see KafkaRetention#check
 */
public final class OffsetsNotRetainedException extends BlueGreenException {

    private final List<Gap> gaps;

    OffsetsNotRetainedException(List<Gap> gaps) {
        super(ErrorCode.BOOTSTRAP_REFUSED, message(gaps));
        this.gaps = List.copyOf(gaps);
    }

    /** Every partition that cannot be read from the cut, in topic/partition order. */
    public List<Gap> gaps() {
        return gaps;
    }

    /**
     * One partition that cannot be read from where the cut needs it.
     *
     * @param cutOffset        the next offset the cut would read; {@code -2} (earliest) for a partition created
     *                         after the cut, which must be read from offset 0
     * @param earliestRetained the partition's earliest retained offset (log start); {@code -1} if Kafka does not
     *                         report the partition
     * @param end              the partition's end offset; {@code -1} if Kafka does not report the partition
     */
    public record Gap(String topic, int partition, long cutOffset, long earliestRetained, long end) {

        /** One sentence naming the partition, the offsets and what is wrong. */
        public String describe() {
            String tp = topic + "-" + partition;
            if (earliestRetained < 0) {
                return tp + ": the cut reads it from offset " + cutOffset + " but Kafka reports no such partition";
            }
            if (cutOffset == KafkaRetention.EARLIEST) {
                return tp + " (created after the cut) must be read from offset 0 but its earliest retained offset"
                        + " is " + earliestRetained;
            }
            if (cutOffset > end) {
                return tp + ": the cut's offset " + cutOffset + " is beyond the partition's end offset " + end;
            }
            return tp + ": the cut's offset " + cutOffset + " is below the earliest retained offset "
                    + earliestRetained + " (" + (earliestRetained - cutOffset) + " records gone)";
        }
    }

    private static String message(List<Gap> gaps) {
        return "Kafka no longer holds every record after the consistent cut, so a colour started from it would miss"
                + " records: " + gaps.stream().map(Gap::describe).collect(Collectors.joining("; ")) + ". Records"
                + " before a partition's earliest retained offset were removed by retention (retention.ms /"
                + " retention.bytes) or deleteRecords; a partition Kafka does not report, or an end offset below the"
                + " cut, means the topic was recreated. Take a fresh cut from the live colour (its offsets are recent),"
                + " or bootstrap from scratch; do not start from this cut.";
    }
}
