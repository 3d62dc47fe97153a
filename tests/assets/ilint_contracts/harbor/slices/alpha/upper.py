from harbor.slices.alpha import lower

UPPER = lower.LOWER
