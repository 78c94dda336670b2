// Read by Leaflet as it loads: place markers with 2D positions, not 3D transforms. Each 3D-transformed marker would be
// a compositing layer of its own, and hundreds of pulse rings made every frame's compositing slow.
window.L_DISABLE_3D = true;
