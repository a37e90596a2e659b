"""The Analytics tab."""
