// A saved record's photo, shown in the form. Decap 3 draws a photo's field once with a placeholder (an empty grey
// box) while it loads the picture, and does not draw it again once loaded: its picture asks for the photo only when
// the photo's path or Decap's `getAsset` change, not when the photo has loaded. Decap's own photo field is wrapped
// here: while the picture it opened with is loading, the wrapper asks again every tenth of a second, and once it
// is there hands the field a new `getAsset` (the same, as a new function) and has it drawn again. Decap sees the
// field itself (getWrappedInstance, which Decap asks for): its checks, uploads and focus stay Decap's own.
const PLACEHOLDER = "empty.svg"; // the path of Decap's placeholder picture
const PATIENCE = 300; // tenths of a second: a photo still not there after half a minute stays as Decap shows it

export function redrawLoadedPhotos(CMS, createClass, h) {
  const image = CMS.getWidget("image");
  const Control = createClass({
    getInitialState() {
      return { loaded: false };
    },
    componentDidMount() {
      const saved = this.props.value;
      let tries = 0;
      let waited = false;
      const look = () => {
        const { value, field, getAsset } = this.props;
        if (typeof value !== "string" || !value || value !== saved) return; // none, or the teacher chose another
        const asset = getAsset(value, field);
        if (asset && asset.path === PLACEHOLDER) {
          waited = true;
          if (++tries < PATIENCE) this.timer = setTimeout(look, 100);
        } else if (waited) {
          this.setState({ loaded: true }, () => this.inner && this.inner.forceUpdate());
        }
      };
      look();
    },
    componentWillUnmount() {
      clearTimeout(this.timer);
    },
    getWrappedInstance() {
      const inner = this.inner;
      return inner && inner.getWrappedInstance ? inner.getWrappedInstance() : inner;
    },
    assets() {
      // Decap's own until the photo has loaded; then one new function, the same across later drawings.
      const getAsset = this.props.getAsset;
      if (!this.state.loaded) return getAsset;
      if (!this.again || this.again.of !== getAsset) {
        this.again = { of: getAsset, get: (value, field) => getAsset(value, field) };
      }
      return this.again.get;
    },
    render() {
      return h(image.control, Object.assign({}, this.props, {
        getAsset: this.assets(),
        ref: (control) => { this.inner = control; },
      }));
    },
  });
  CMS.registerWidget({
    name: "image",
    controlComponent: Control,
    previewComponent: image.preview,
    schema: image.schema,
    allowMapValue: image.allowMapValue,
    globalStyles: image.globalStyles,
  });
}
