"""Drawing QR codes into pictures: for the demo camera stand-in and for test frames."""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp


def qr_image(text: str, *, module_px: int = 8, quiet_zone: bool = True) -> np.ndarray:
    """A black-on-white QR code as a grayscale uint8 image, `module_px` pixels per module."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return np.array(barcode.to_image(scale=module_px, add_quiet_zones=quiet_zone), dtype=np.uint8)


def paste_warped(scene: np.ndarray, patch: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Paste a grayscale `patch` into a BGR `scene` with its corners at `corners` (4x2,
    clockwise from top-left): rotation, scale and perspective in one warp."""
    h, w = patch.shape[:2]
    source = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(cv2.cvtColor(patch, cv2.COLOR_GRAY2BGR), matrix, size)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size)
    out = scene.copy()
    out[mask > 0] = warped[mask > 0]
    return out


def square_corners(center: tuple[float, float], side: float, angle_deg: float) -> np.ndarray:
    """Corners of a square of `side` pixels turned by `angle_deg` around `center`."""
    cx, cy = center
    half = side / 2
    theta = np.deg2rad(angle_deg)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    unit = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    return unit @ rotation.T + np.array([cx, cy])
