variable "name" {
  default = "a"
}

variable "name" {
  default = "b"
}
