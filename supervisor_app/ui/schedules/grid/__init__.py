"""The schedule grid: agents down, time across; painting, hit-testing, mouse, keys, zoom."""
