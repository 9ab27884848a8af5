package com.retailer.bluegreen.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends generated records at a target rate (events per second) for a duration or a count, whichever ends first,
 * stamping each record with its send time (Kafka CreateTime, so {@link ProducedRecord#timestampMs()} is when it was
 * sent). Pacing is open-loop: record {@code i} is due at {@code start + i / rate}; a producer that falls behind
 * sends without pausing until it catches up. {@link #stop()} ends a run early from another thread.
 */
public final class RateProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private volatile boolean stopped;
    private volatile long sent;

    public RateProducer(String bootstrap) {
        this.producer = Producing.newProducer(bootstrap);
    }

    /**
     * Sends from {@code source} at {@code eventsPerSecond} until {@code maxDuration} has passed, {@code maxCount}
     * records were sent, the source is exhausted or {@link #stop()} is called; then waits for every acknowledgement.
     *
     * @return the records sent, in send order, with partition, offset and send timestamp
     */
    public List<ProducedRecord> run(Iterator<GeneratedRecord> source, double eventsPerSecond, Duration maxDuration,
                                    long maxCount) {
        List<GeneratedRecord> records = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        pace(source, eventsPerSecond, maxDuration, maxCount, r -> {
            records.add(r);
            acks.add(producer.send(Producing.toProducerRecord(r, System.currentTimeMillis())));
        });
        producer.flush();
        List<ProducedRecord> produced = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            produced.add(Producing.produced(records.get(i), Producing.await(acks.get(i))));
        }
        return List.copyOf(produced);
    }

    /**
     * Like {@link #run(Iterator, double, Duration, long)} but keeps nothing: each acknowledged record goes to
     * {@code onAck} (on the producer's I/O thread; in order within a partition), for long benchmark runs.
     *
     * @return how many records were sent
     * @throws IllegalStateException if Kafka rejected a record (after the run ends)
     */
    public long run(Iterator<GeneratedRecord> source, double eventsPerSecond, Duration maxDuration, long maxCount,
                    Consumer<ProducedRecord> onAck) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = pace(source, eventsPerSecond, maxDuration, maxCount, r -> producer.send(
                Producing.toProducerRecord(r, System.currentTimeMillis()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        onAck.accept(Producing.produced(r, metadata));
                    }
                }));
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not accept a record: " + failure.get(), failure.get());
        }
        return count;
    }

    private long pace(Iterator<GeneratedRecord> source, double eventsPerSecond, Duration maxDuration, long maxCount,
                      Consumer<GeneratedRecord> send) {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("eventsPerSecond must be > 0, got " + eventsPerSecond);
        }
        stopped = false;
        sent = 0;
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        double nanosPerEvent = 1e9 / eventsPerSecond;
        long i = 0;
        for (; i < maxCount && !stopped && source.hasNext(); i++) {
            long due = start + (long) (i * nanosPerEvent);
            if (due - deadline > 0) {
                break;
            }
            long now = System.nanoTime();
            if (due - now > 1_000_000) {
                LockSupport.parkNanos(due - now);
            }
            send.accept(source.next());
            sent = i + 1;
        }
        return i;
    }

    /** Sends the whole list at the rate (no duration limit). */
    public List<ProducedRecord> run(List<GeneratedRecord> records, double eventsPerSecond) {
        return run(records.iterator(), eventsPerSecond, Duration.ofDays(365), records.size());
    }

    /** Ends the current {@link #run} after the record being sent. */
    public void stop() {
        stopped = true;
    }

    /** Records handed to the producer so far in the current run. */
    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
