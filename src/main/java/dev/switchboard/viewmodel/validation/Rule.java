package dev.switchboard.viewmodel.validation;

/** One validation rule for a field's value. */
@FunctionalInterface
public interface Rule<T> {
    ValidationStatus check(T value);

    /** This rule, then {@code next} if this one passed. */
    default Rule<T> and(Rule<? super T> next) {
        return v -> {
            ValidationStatus first = check(v);
            return first.valid() ? next.check(v) : first;
        };
    }
}
