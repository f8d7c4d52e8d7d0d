packer {
  required_version = ">= 9.0.0"
}
