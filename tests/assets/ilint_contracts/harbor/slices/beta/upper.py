from harbor.slices.beta import lower

UPPER = lower.LOWER
