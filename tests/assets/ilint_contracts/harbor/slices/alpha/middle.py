from harbor.slices.alpha import upper

MIDDLE = upper.UPPER
