class OrderOut:
    pass
