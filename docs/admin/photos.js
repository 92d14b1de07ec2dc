// A record's photo, shown in the form. Decap 3 draws a photo's field with a placeholder (an empty grey box) while
// it loads the picture, and does not draw it again once loaded: its picture asks for the photo only when the
// photo's path or Decap's `getAsset` change, not when the photo has loaded. So a saved record's photos, and a photo
// chosen from those already in the library, stayed grey boxes. Decap's own photo field is wrapped here: while its
// photo is still the placeholder, the wrapper asks again every tenth of a second, and once the photo is there
// hands the field a new `getAsset` (the same, as a new function) and has it drawn again. Decap sees the field
// itself (getWrappedInstance, which Decap asks for): its checks, uploads and focus stay Decap's own.
const PLACEHOLDER = "empty.svg"; // the path of Decap's placeholder picture
const PATIENCE = 300; // tenths of a second: a photo still not there after half a minute stays as Decap shows it

export function redrawLoadedPhotos(CMS, createClass, h) {
  const image = CMS.getWidget("image");
  const Control = createClass({
    getInitialState() {
      return { round: 0 };
    },
    componentDidMount() {
      this.follow(this.props.value);
    },
    componentDidUpdate(before) {
      if (before.value !== this.props.value) this.follow(this.props.value);
    },
    componentWillUnmount() {
      clearTimeout(this.timer);
    },
    follow(photo) {
      clearTimeout(this.timer);
      let tries = 0;
      let waited = false;
      const look = () => {
        const { value, field, getAsset } = this.props;
        if (typeof value !== "string" || !value || value !== photo) return; // none, or another one since
        const asset = getAsset(value, field);
        if (asset && asset.path === PLACEHOLDER) {
          waited = true;
          if (++tries < PATIENCE) this.timer = setTimeout(look, 100);
        } else if (waited) {
          this.setState((state) => ({ round: state.round + 1 }), () => this.inner && this.inner.forceUpdate());
        }
      };
      look();
    },
    getWrappedInstance() {
      const inner = this.inner;
      return inner && inner.getWrappedInstance ? inner.getWrappedInstance() : inner;
    },
    assets() {
      // Decap's own until a photo has loaded after a wait; then a new function each time that happens, the same
      // across other drawings.
      const getAsset = this.props.getAsset;
      const round = this.state.round;
      if (!round) return getAsset;
      if (!this.again || this.again.of !== getAsset || this.again.round !== round) {
        this.again = { of: getAsset, round, get: (value, field) => getAsset(value, field) };
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
