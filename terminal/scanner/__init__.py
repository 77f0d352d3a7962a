"""The camera card reader: frame sources, QR decoders and the N-equal-reads confirmer.

Qt-free (the thin Qt worker lives in terminal/ui); imports numpy, cv2 and decoders only.
"""
