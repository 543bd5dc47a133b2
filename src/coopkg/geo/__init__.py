"""Geometry for maps: TopoJSON decoding and the NUTS boundaries installed beside the
package's static files."""
