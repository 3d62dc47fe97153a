from harbor.slices.beta import upper

LOWER = "beta"
LATE = upper
