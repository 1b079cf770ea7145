package io.sentinel.store.queue;

class InProcessQueueTest extends IngestQueueContract {
    @Override
    IngestQueue queue(int capacity) {
        return new InProcessQueue(capacity);
    }
}
