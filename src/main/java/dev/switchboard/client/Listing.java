package dev.switchboard.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;

/**
 * All items of a collection, fetched lazily page by page: the first page is requested when
 * iteration starts, each next page (following {@code nextPageUri}) only when the previous one is
 * used up. Every {@link #iterator()} starts again from the first page. Calls block; iterate off the FX thread.
 */
public final class Listing<T> implements Iterable<T> {
    private final HttpUrl first;
    private final Function<HttpUrl, Page<T>> fetch;
    private final Function<String, HttpUrl> resolve;

    Listing(HttpUrl first, Function<HttpUrl, Page<T>> fetch, Function<String, HttpUrl> resolve) {
        this.first = first;
        this.fetch = fetch;
        this.resolve = resolve;
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<Page<T>> pages = pages().iterator();
        return new Iterator<>() {
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!pages.hasNext()) {
                        return false;
                    }
                    current = pages.next().items().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The pages themselves, fetched as they are reached. */
    public Iterable<Page<T>> pages() {
        return () -> new Iterator<>() {
            private HttpUrl next = first;
            private final Set<HttpUrl> seen = new HashSet<>();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Page<T> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                if (!seen.add(next)) {
                    throw new UnexpectedResponseException(
                            ErrorInfo.of("The gateway's page links go round in a circle."), null);
                }
                Page<T> page = fetch.apply(next);
                next = page.hasNextPage() ? resolve.apply(page.nextPageUri()) : null;
                return page;
            }
        };
    }

    /** A sequential stream over all items; pages are fetched as the stream is consumed. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Just the first page. */
    public Page<T> firstPage() {
        return fetch.apply(first);
    }

    /** Every item, fetching every page now. */
    public List<T> toList() {
        List<T> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }
}
