"""Reading Party documents: text extraction and Vietnamese parsing, with no Django import.

from lamtheobac.reading import read_bytes, read_path, read_text, ReadError, Extraction
"""

from .api import read_bytes, read_path, read_text
from .errors import ReadError
from .model import Extraction

__all__ = ["Extraction", "ReadError", "read_bytes", "read_path", "read_text"]
