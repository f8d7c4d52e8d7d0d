variable "name" {
  default = "box"
}
