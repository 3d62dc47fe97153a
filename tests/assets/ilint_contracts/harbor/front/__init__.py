from harbor import logic
