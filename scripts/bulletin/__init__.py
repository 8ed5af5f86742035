"""Import of the monthly bulletin: source file → reader → cleaners → structure → writers."""
