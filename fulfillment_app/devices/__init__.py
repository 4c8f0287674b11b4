"""Station devices: scanners, scales, RFID readers and printers, with their simulators."""
